"""Legal proceedings: each party's standing, derived from a case's dated stages, and the rules
that keep a case honest.

Editors record what happened (charged on this day, a verdict on that one); where someone stands
now is worked out here, once, so that the case's entry, their Who's who entry and the presumption
of innocence can never disagree. The standing is read from the stages in date order: each stage
that concerns a party moves them on, and an appeal marks a verdict as not final.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.dates import PartialDate
from generator.diagnostics import Diagnostic, Severity
from generator.model import Case, CaseStage

# whom a stage concerns when it names nobody: those the proceedings are against
ACCUSED_ROLES = frozenset({"accused", "suspect", "defendant"})
# the stages that decide a case, and so carry an outcome
DECIDING = frozenset({"verdict", "final-judgment"})

# Every standing a party can have, in the order a case usually moves through them. The words
# readers see are in the locales (``legal_standing``).
STANDINGS = (
    "under-investigation",
    "charged",
    "on-trial",
    "convicted",
    "convicted-appealed",
    "convicted-final",
    "acquitted",
    "acquitted-appealed",
    "acquitted-final",
    "dropped",
    "settled",
)
# Not finally convicted, and the proceedings still open: the page reminds readers that they
# are presumed innocent until a final judgment says otherwise. A final acquittal, dropped
# charges and a settlement close the case without a conviction: nothing is left to presume.
PRESUMED_INNOCENT = frozenset(
    {
        "under-investigation",
        "charged",
        "on-trial",
        "convicted",
        "convicted-appealed",
        "acquitted",
        "acquitted-appealed",
    }
)

# what each stage makes of a party, whatever came before (appeals are handled apart)
_STANDING_AFTER = {
    "investigation": "under-investigation",
    "charged": "charged",
    "indicted": "charged",
    "indictment-admitted": "charged",
    "trial-opened": "on-trial",
    "dropped": "dropped",
    "settled": "settled",
}


@dataclass(frozen=True)
class Standing:
    """Where one party of one case stands, and the stage that put them there."""

    case: Case
    actor: str
    key: str  # one of STANDINGS
    stage: CaseStage

    @property
    def presumed_innocent(self) -> bool:
        return self.key in PRESUMED_INNOCENT


def concerned(case: Case, stage: CaseStage) -> list[str]:
    """The actor ids a stage concerns: the ones it names, else every accused party."""
    if stage.parties:
        return list(stage.parties)
    return [party.actor for party in case.parties if party.role in ACCUSED_ROLES]


def in_order(case: Case) -> list[CaseStage]:
    """The stages by date; stages on the same date keep the order they were written in."""
    return sorted(case.stages, key=lambda stage: stage.date)


def next_standing(current: str | None, stage: CaseStage) -> str:
    """The standing a stage gives a party who stood at ``current`` (None: not yet involved)."""
    if stage.stage == "verdict":
        return stage.outcome or current or "on-trial"
    if stage.stage == "final-judgment":
        return f"{stage.outcome}-final" if stage.outcome else current or "on-trial"
    if stage.stage == "appeal":
        if current in ("convicted", "acquitted"):
            return f"{current}-appealed"
        return current or "charged"
    return _STANDING_AFTER[stage.stage]


def standings(case: Case) -> list[Standing]:
    """Each concerned party's current standing in the case, in the order of its parties."""
    reached: dict[str, tuple[str, CaseStage]] = {}
    for stage in in_order(case):
        for actor in concerned(case, stage):
            current = reached.get(actor, (None, stage))[0]
            reached[actor] = (next_standing(current, stage), stage)
    ordered = [party.actor for party in case.parties if party.actor in reached]
    ordered += [actor for actor in reached if actor not in ordered]
    return [Standing(case, actor, *reached[actor]) for actor in dict.fromkeys(ordered)]


def dated_stages(cases: list[Case]) -> list[tuple[Case, CaseStage]]:
    """(case, stage) of every case, in date order: the stages a timeline shows."""
    return sorted(
        ((case, stage) for case in cases for stage in case.stages),
        key=lambda pair: pair[1].date,
    )


def closed_on(case: Case) -> PartialDate | None:
    """When the proceedings ended for the last of their parties (a final judgment, dropped
    charges or a settlement for each); None while anyone's part is still open."""
    found = standings(case)
    if not found or any(standing.presumed_innocent for standing in found):
        return None
    return max(standing.stage.date for standing in found)


def standings_of(cases: list[Case]) -> dict[str, list[Standing]]:
    """Every actor's standing in each case they are a concerned party of, by actor id."""
    found: dict[str, list[Standing]] = {}
    for case in cases:
        for standing in standings(case):
            found.setdefault(standing.actor, []).append(standing)
    return found


# --- the rules (generator.checks runs them with the others) ---------------------------------


def check_case(case: Case) -> Iterator[Diagnostic]:
    """A case's own rules: parties, outcomes, sources and the order of its stages."""
    party_ids = [party.actor for party in case.parties]
    seen: set[str] = set()
    for index, party in enumerate(case.parties):
        if party.actor in seen:
            yield Diagnostic(
                case.at("parties", index, "actor"),
                f"case '{case.id}' lists '{party.actor}' as a party twice",
                "list each actor once; give several charges in one 'charges' list",
            )
        seen.add(party.actor)
    for index, stage in enumerate(case.stages):
        yield from _check_stage(case, index, stage, party_ids)
    yield from _check_order(case)


def _check_stage(
    case: Case, index: int, stage: CaseStage, party_ids: list[str]
) -> Iterator[Diagnostic]:
    owner = f"case '{case.id}' stage #{index + 1} ('{stage.stage}')"
    for position, actor in enumerate(stage.parties):
        if actor not in party_ids:
            yield Diagnostic(
                case.at("stages", index, "parties", position),
                f"{owner} concerns '{actor}', who is not a party of the case",
                f"add '- actor: {actor}' with a role under the case's 'parties', "
                f"or name one of: {', '.join(party_ids)}",
            )
    if not stage.parties and not concerned(case, stage):
        yield Diagnostic(
            case.at("stages", index, "stage"),
            f"{owner} concerns nobody: the case has no accused, suspect or defendant",
            "name whom it concerns with 'parties: [actor-id]'",
        )
    if stage.stage in DECIDING and stage.outcome is None:
        yield Diagnostic(
            case.at("stages", index, "stage"),
            f"{owner} does not say how it ended",
            "add 'outcome: convicted' or 'outcome: acquitted'",
        )
    if stage.stage not in DECIDING and stage.outcome is not None:
        yield Diagnostic(
            case.at("stages", index, "outcome"),
            f"{owner} has an outcome, which only a verdict or a final judgment has",
            "remove 'outcome', or record the decision as a 'verdict' or 'final-judgment' stage",
        )
    if not stage.sources:
        yield Diagnostic(
            case.at("stages", index, "stage"),
            f"{owner} cites no source",
            "nothing unsourced is published: add 'sources: [source-id]' to the stage",
        )


def _check_order(case: Case) -> Iterator[Diagnostic]:
    """Stages written out of date order are shown sorted; the warning catches a mistyped date
    (a verdict dated 2012 for 2021 would otherwise quietly come before the charges)."""
    for index in range(1, len(case.stages)):
        earlier, stage = case.stages[index - 1], case.stages[index]
        if stage.date < earlier.date:
            yield Diagnostic(
                case.at("stages", index, "date"),
                f"case '{case.id}' stage #{index + 1} ('{stage.stage}', {stage.date}) comes "
                f"before stage #{index} ('{earlier.stage}', {earlier.date})",
                "readers see the stages in date order: check the date, or list the stages in "
                "the order they happened",
                Severity.WARNING,
            )
