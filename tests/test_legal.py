"""Legal proceedings: each party's standing derived from a case's stages, and a case's rules."""

from __future__ import annotations

import pytest

from generator import legal
from generator.model import Case

# --- the standing, for every path a case can take ----------------------------------------------


def case(*stages: dict, parties: list[dict] | None = None) -> Case:
    """A case against one defendant, 'dana', with the given stages (a date each, in order)."""
    written = [
        {"date": f"2021-{index + 1:02d}-01", "sources": ["record"], **stage}
        for index, stage in enumerate(stages)
    ]
    return Case.model_validate(
        {
            "id": "state-v-dana",
            "title": "The state against Dana",
            "court": "Example District Court",
            "parties": parties or [{"actor": "dana", "role": "defendant"}],
            "stages": written,
        }
    )


def standing_after(*stages: dict) -> str:
    (standing,) = legal.standings(case(*stages))
    return standing.key


INVESTIGATION = {"stage": "investigation"}
CHARGED = {"stage": "charged"}
TRIAL = {"stage": "trial-opened"}
CONVICTED = {"stage": "verdict", "outcome": "convicted"}
ACQUITTED = {"stage": "verdict", "outcome": "acquitted"}
APPEAL = {"stage": "appeal"}
FINALLY_ACQUITTED = {"stage": "final-judgment", "outcome": "acquitted"}
FINALLY_CONVICTED = {"stage": "final-judgment", "outcome": "convicted"}


@pytest.mark.parametrize(
    ("stages", "expected", "presumed"),
    [
        ([INVESTIGATION], "under-investigation", True),
        ([INVESTIGATION, CHARGED], "charged", True),
        ([{"stage": "indicted"}], "charged", True),
        ([CHARGED, {"stage": "indictment-admitted"}], "charged", True),
        ([INVESTIGATION, CHARGED, TRIAL], "on-trial", True),
        ([CHARGED, TRIAL, CONVICTED], "convicted", True),
        ([CHARGED, TRIAL, CONVICTED, APPEAL], "convicted-appealed", True),
        (
            [INVESTIGATION, CHARGED, TRIAL, CONVICTED, APPEAL, FINALLY_ACQUITTED],
            "acquitted-final",
            False,
        ),
        ([CHARGED, TRIAL, CONVICTED, APPEAL, FINALLY_CONVICTED], "convicted-final", False),
        ([CHARGED, TRIAL, ACQUITTED], "acquitted", True),
        ([CHARGED, TRIAL, ACQUITTED, APPEAL], "acquitted-appealed", True),
        ([INVESTIGATION, CHARGED, {"stage": "dropped"}], "dropped", False),
        ([CHARGED, {"stage": "settled"}], "settled", False),
    ],
    ids=lambda value: "-".join(s["stage"] for s in value) if isinstance(value, list) else None,
)
def test_the_standing_follows_the_stages(stages, expected, presumed):
    (standing,) = legal.standings(case(*stages))
    assert standing.key == expected
    assert standing.key in legal.STANDINGS
    assert standing.presumed_innocent is presumed
    assert standing.stage.stage == stages[-1]["stage"]


def test_stages_are_read_in_date_order_whatever_order_they_are_written_in():
    trial_first = case(TRIAL, CHARGED)  # the trial dated January, the charges February
    trial_first.stages[0].date, trial_first.stages[1].date = (
        trial_first.stages[1].date,
        trial_first.stages[0].date,
    )
    (standing,) = legal.standings(trial_first)
    assert standing.key == "on-trial"


def test_a_stage_that_names_its_parties_concerns_only_them():
    parties = [
        {"actor": "dana", "role": "defendant"},
        {"actor": "ion", "role": "accused"},
        {"actor": "ana", "role": "suspect"},
        {"actor": "office", "role": "prosecutor"},
        {"actor": "bank", "role": "victim"},
    ]
    proceedings = case(
        CHARGED,
        TRIAL,
        {**CONVICTED, "parties": ["dana"]},
        {**ACQUITTED, "parties": ["ion"]},
        parties=parties,
    )
    found = {s.actor: s.key for s in legal.standings(proceedings)}
    # the prosecutor and the victim are parties the stages do not concern: they have no standing
    assert found == {"dana": "convicted", "ion": "acquitted", "ana": "on-trial"}
    by_actor = legal.standings_of([proceedings])
    assert [s.key for s in by_actor["dana"]] == ["convicted"]
    assert "office" not in by_actor


def test_an_appeal_before_any_verdict_leaves_the_standing_as_it_was():
    assert standing_after(CHARGED, APPEAL) == "charged"
    assert standing_after(APPEAL) == "charged"


def test_the_timeline_gets_every_stage_of_every_case_in_date_order():
    first, second = case(CHARGED, TRIAL), case(INVESTIGATION)
    second.id = "other"
    dated = legal.dated_stages([first, second])
    assert [(c.id, s.stage) for c, s in dated] == [
        ("state-v-dana", "charged"),
        ("other", "investigation"),
        ("state-v-dana", "trial-opened"),
    ]


# --- the rules, as an editor meets them -------------------------------------------------------

CASE = """cases:
  - id: state-v-agency
    title: The state against the agency's director
    court: Example District Court
    reference: "12/345/2024"
    parties:
      - actor: test-inspector
        role: defendant
        charges: [Embezzlement]
      - actor: example-agency
        role: prosecutor
    stages:
      - stage: charged
        date: 2024-03
        sources: [agency-report-2024]
      - stage: verdict
        date: 2024-06-01
        outcome: convicted
        sources: [agency-report-2024]
    sources: [agency-report-2024]
"""


def test_a_valid_case_passes_strict_validation(demo, validate):
    demo.write("cases.yml", CASE)
    outcome = validate(demo.path, strict=True)
    assert outcome.lines == []
    (proceedings,) = outcome.investigation.cases
    assert [s.key for s in legal.standings(proceedings)] == ["convicted"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "        outcome: convicted\n",
            "",
            "cases.yml:16:16: case 'state-v-agency' stage #2 ('verdict') does not say how it "
            "ended (add 'outcome: convicted' or 'outcome: acquitted')",
        ),
        (
            "        date: 2024-03\n",
            "        date: 2024-03\n        outcome: acquitted\n",
            "cases.yml:15:18: case 'state-v-agency' stage #1 ('charged') has an outcome, which "
            "only a verdict or a final judgment has (remove 'outcome', or record the decision "
            "as a 'verdict' or 'final-judgment' stage)",
        ),
        (
            "        date: 2024-06-01\n",
            "        date: 2024-06-01\n        parties: [sample-network]\n",
            "cases.yml:18:19: case 'state-v-agency' stage #2 ('verdict') concerns "
            "'sample-network', who is not a party of the case (add '- actor: sample-network' "
            "with a role under the case's 'parties', or name one of: test-inspector, "
            "example-agency)",
        ),
        (
            "        date: 2024-03\n        sources: [agency-report-2024]\n",
            "        date: 2024-03\n",
            "cases.yml:13:16: case 'state-v-agency' stage #1 ('charged') cites no source "
            "(nothing unsourced is published: add 'sources: [source-id]' to the stage)",
        ),
        (
            "        date: 2024-06-01\n",
            "        date: 2023-06-01\n",
            "cases.yml:17:15: warning: case 'state-v-agency' stage #2 ('verdict', 2023-06-01) "
            "comes before stage #1 ('charged', 2024-03) (readers see the stages in date order: "
            "check the date, or list the stages in the order they happened)",
        ),
        (
            "        role: defendant\n",
            "        role: witness\n",
            "cases.yml:13:16: case 'state-v-agency' stage #1 ('charged') concerns nobody: the "
            "case has no accused, suspect or defendant (name whom it concerns with "
            "'parties: [actor-id]')",
        ),
        (
            "      - actor: example-agency\n",
            "      - actor: test-inspector\n",
            "cases.yml:10:16: case 'state-v-agency' lists 'test-inspector' as a party twice "
            "(list each actor once; give several charges in one 'charges' list)",
        ),
        (
            "      - actor: test-inspector\n",
            "      - actor: test-inspectr\n",
            "cases.yml:7:16: case 'state-v-agency' refers to unknown actor 'test-inspectr' "
            "(did you mean 'test-inspector'?)",
        ),
        (
            "        sources: [agency-report-2024]\n      - stage: verdict",
            "        sources: [agency-repor]\n      - stage: verdict",
            "cases.yml:15:19: case 'state-v-agency' refers to unknown source 'agency-repor' "
            "(did you mean 'agency-report-2024'?)",
        ),
    ],
    ids=[
        "verdict-without-outcome",
        "outcome-on-charges",
        "stage-party-not-in-case",
        "stage-unsourced",
        "out-of-order",
        "nobody-concerned",
        "party-twice",
        "unknown-actor",
        "unknown-stage-source",
    ],
)
def test_each_rule_of_a_case_names_the_place_and_the_fix(demo, validate, old, new, expected):
    demo.write("cases.yml", CASE).replace("cases.yml", old, new)
    assert expected in validate(demo.path).lines


def test_an_unknown_stage_kind_is_refused_with_the_allowed_ones(demo, validate):
    demo.write("cases.yml", CASE).replace("cases.yml", "stage: charged", "stage: charges")
    (line,) = [line for line in validate(demo.path).lines if "cases.yml:13" in line]
    assert "charged" in line and "'charges'" in line


def test_a_case_is_closed_only_when_every_party_is_finally_dealt_with():
    parties = [{"actor": "dana", "role": "defendant"}, {"actor": "ion", "role": "defendant"}]
    open_for_one = case(CHARGED, {**FINALLY_ACQUITTED, "parties": ["dana"]}, parties=parties)
    assert legal.closed_on(open_for_one) is None
    closed = case(
        CHARGED,
        {**FINALLY_ACQUITTED, "parties": ["dana"]},
        {"stage": "dropped", "parties": ["ion"]},
        parties=parties,
    )
    assert legal.closed_on(closed).iso() == "2021-03-01"


def test_a_mention_of_an_unknown_case_is_refused_with_the_near_miss(demo, validate):
    note = "        outcome: convicted\n        note: As :case[state-v-agncy] shows.\n"
    demo.write("cases.yml", CASE).replace("cases.yml", "        outcome: convicted\n", note)
    assert any(
        "refers to unknown case 'state-v-agncy' (did you mean 'state-v-agency'?)" in line
        for line in validate(demo.path).lines
    )
