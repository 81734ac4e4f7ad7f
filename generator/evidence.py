"""The evidence standard: what each status requires of the sources an item cites.

Written once and read by the checks (which refuse a status its sources do not support), the
methodology page (the statuses in this order, with their meanings from the locales) and the key
reference. A status says what the cited sources support, never what the desk believes: a record
from whoever has authority over the fact, or two publishers that did not copy each other, make a
fact `confirmed`; one publisher's reporting is shown as that publisher's report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from generator.model import Original, Source, SourceRef
from generator.text import pick


class Weight(StrEnum):
    """How much one source counts toward a status."""

    AUTHORITATIVE = "authoritative"  # a record or statement from whoever has authority
    INDEPENDENT = "independent reporting"  # counts once per independent publisher
    DERIVATIVE = "derivative"  # a copy or summary: never counts on its own
    AS_REPRODUCED = "as reproduced"  # counts as the original it reproduces


# Every source kind with its weight, in the order the sources page lists them.
SOURCE_KINDS: dict[str, Weight] = {
    "primary-document": Weight.AUTHORITATIVE,
    "official-statement": Weight.AUTHORITATIVE,
    "court-legal": Weight.AUTHORITATIVE,
    "republished-release": Weight.AS_REPRODUCED,
    "research": Weight.INDEPENDENT,
    "news-report": Weight.INDEPENDENT,
    "blog": Weight.INDEPENDENT,
    "newsletter": Weight.INDEPENDENT,
    "social-post": Weight.INDEPENDENT,
    "reference-work": Weight.DERIVATIVE,
    "machine-translation": Weight.DERIVATIVE,
    "aggregator-copy": Weight.DERIVATIVE,
}

# How many independent publishers confirm a fact without an authoritative source.
INDEPENDENT_PUBLISHERS_TO_CONFIRM = 2

# The statuses in the order readers meet them (claims page, methodology, legends).
STATUS_ORDER = ("confirmed", "reported", "alleged", "disputed", "denied", "unverified", "retracted")

# Statuses whose evidence the checks weigh; every other one names who makes the claim.
WEIGHED = ("confirmed", "reported")
# Statuses that must say in `attributed_to` who makes the statement (an actor, or a source
# whose own finding it is); `reported` names its publisher itself; a `disputed` item may
# instead list what its sources say (`disagreement`).
NAMES_ACTORS = ("alleged", "disputed", "denied", "unverified", "retracted")

# Whom `attributed_to` names under each status, in the words of the guide's table and the hints
# (a test holds the README to these texts). Always who makes the statement, never who answers it.
ATTRIBUTED_TO = {
    "confirmed": "nobody: leave it out (the sources establish it)",
    "reported": "nobody: leave it out (readers see the publisher of its source)",
    "alleged": "who alleges it",
    "disputed": (
        "who makes the claim that others dispute (who disputes it makes a rebuttal claim); "
        "or leave it out and list what each source says in 'disagreement'"
    ),
    "denied": (
        "who denies it: a denied item is the denial itself, listed in the 'rebuttals' of the "
        "claim it answers (which names who makes that claim)"
    ),
    "unverified": "who says it",
    "retracted": "who made the claim and withdrew it",
}


def needs_attribution(status: str, has_disagreement: bool, attributed: bool = False) -> bool:
    """Whether an item still lacks the `attributed_to` its status needs: a `disputed` item
    whose sources disagree (`disagreement`) names its sources instead."""
    if attributed or status not in NAMES_ACTORS:
        return False
    return not (status == "disputed" and has_disagreement)


def attribution_hint(status: str) -> str:
    """What to add when an item of ``status`` names nobody (see ATTRIBUTED_TO)."""
    return (
        f"add 'attributed_to: [id]' naming {ATTRIBUTED_TO[status]}: an actor, or a source for "
        "a publication's own finding"
    )


# What the weighed statuses need, in the words of the English meaning, the hints and the guide
# (a test holds the English locale to these texts).
REQUIREMENTS = {
    "confirmed": (
        "a primary document, an official statement or a court record from whoever has "
        "authority over the fact, or reports from at least two independent publishers "
        "(copies of one wire story count once)"
    ),
    "reported": (
        "reporting by a single publisher (a news report, research, a blog, a newsletter or a "
        "social post) that no second, independent publisher confirms"
    ),
}
DERIVATIVE_NOTE = (
    "a reference work, a machine translation or an aggregator's copy never counts on its own"
)


def publisher_key(name: str) -> str:
    """Publishers are the same when their names are, ignoring case and spacing."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Origin:
    """Where a cited source's evidence comes from once copies are traced to their original."""

    weight: Weight
    publisher: str | dict[str, str]  # as written: one name, or one per language


def origin(source: Source, sources: Mapping[str, Source]) -> Origin:
    """The weight and original publisher of ``source``: a copy is judged on what it copies.

    A chain of ``reproduces`` is followed to its end (a cycle or an unknown id stops it there;
    the checks report both). A republished release takes the weight of its original, an official
    or company release when the original is not itself cited; derivative kinds never count.
    """
    weight = SOURCE_KINDS[source.kind]
    current, seen = source, {source.id}
    while isinstance(current.reproduces, str) and current.reproduces in sources:
        if current.reproduces in seen:
            break
        seen.add(current.reproduces)
        current = sources[current.reproduces]
        if weight is Weight.AS_REPRODUCED:
            weight = SOURCE_KINDS[current.kind]
    publisher = current.publisher
    if isinstance(current.reproduces, Original):
        publisher = current.reproduces.publisher
        if weight is Weight.AS_REPRODUCED:
            weight = Weight.AUTHORITATIVE
    if weight is Weight.AS_REPRODUCED:  # says nothing of whose release it is: the checks say so
        weight = Weight.DERIVATIVE
    return Origin(weight, publisher)


@dataclass(frozen=True)
class Evidence:
    """What the sources cited by one item amount to."""

    authoritative: tuple[str, ...]  # ids of the authoritative sources
    publishers: tuple[str | dict[str, str], ...]  # independent publishers, once each
    derivative: tuple[str, ...]  # ids of the sources that count for nothing on their own

    @property
    def supports(self) -> str | None:
        """The strongest weighed status these sources support, if any."""
        if self.authoritative or len(self.publishers) >= INDEPENDENT_PUBLISHERS_TO_CONFIRM:
            return "confirmed"
        return "reported" if self.publishers else None


def assess(refs: Iterable[SourceRef], sources: Mapping[str, Source], language: str) -> Evidence:
    """Weigh the cited sources; publishers are told apart by their name in ``language`` (the
    story's default language, where editors write one name per language)."""
    authoritative: list[str] = []
    derivative: list[str] = []
    publishers: dict[str, str | dict[str, str]] = {}
    for ref in refs:
        source = sources.get(ref.id)
        if source is None:
            continue  # an unknown id has its own error
        found = origin(source, sources)
        if found.weight is Weight.AUTHORITATIVE:
            authoritative.append(source.id)
        elif found.weight is Weight.INDEPENDENT:
            publishers.setdefault(publisher_key(pick(found.publisher, language)), found.publisher)
        else:
            derivative.append(source.id)
    return Evidence(tuple(authoritative), tuple(publishers.values()), tuple(derivative))


def _names(evidence: Evidence, language: str) -> str:
    return ", ".join(pick(name, language) for name in evidence.publishers)


def what_supports(evidence: Evidence, language: str) -> str:
    """'its sources support ...' for a hint, naming what they amount to."""
    if evidence.authoritative:
        ids = ", ".join(evidence.authoritative)
        return f"its sources support 'confirmed' (authoritative: {ids})"
    count = len(evidence.publishers)
    if count >= INDEPENDENT_PUBLISHERS_TO_CONFIRM:
        names = _names(evidence, language)
        return f"its sources support 'confirmed' ({count} independent publishers: {names})"
    if count == 1:
        return f"its sources support 'reported' (one publisher: {_names(evidence, language)})"
    return f"its sources support neither 'confirmed' nor 'reported' ({DERIVATIVE_NOTE})"


@dataclass(frozen=True)
class Refusal:
    """Why a weighed status does not fit its sources, in an editor's words."""

    problem: str  # completes "<claim 'x'> is '<status>' but ..."
    hint: str


def judge(status: str, evidence: Evidence, language: str) -> Refusal | None:
    """Whether ``status`` says what ``evidence`` supports; None when it does (or is not
    weighed). A `reported` item whose sources confirm it is refused too: readers would read
    one outlet's report where the sources establish a fact."""
    if status not in WEIGHED:
        return None
    supported = evidence.supports
    if supported == status:
        return None
    said = what_supports(evidence, language)
    if status == "confirmed":
        needed = (
            "a report from a second, independent publisher"
            if supported == "reported"
            else "reports from two independent publishers"
        )
        return Refusal(
            "its sources do not confirm it",
            f"{said}; 'confirmed' needs a primary document, official statement or court "
            f"record, or {needed}",
        )
    if supported == "confirmed":
        return Refusal(
            "its sources confirm it",
            f"{said}; 'reported' is for a single publisher's report that nobody else confirms: "
            "mark it 'confirmed'",
        )
    return Refusal(
        "it cites no publisher's own reporting",
        f"{said}; 'reported' needs the publisher's own news report, research, blog, "
        "newsletter or social post: cite the original",
    )


def shown_status(item, sources: Mapping[str, Source], language: str) -> str | None:
    """The status readers see for ``item``: the one it gives, else (an event may leave it out)
    the strongest its sources support; None when they support neither 'confirmed' nor
    'reported' (the checks warn then)."""
    if item.status is not None:
        return item.status
    return assess(item.sources, sources, language).supports


def reported_by(
    refs: Iterable[SourceRef], sources: Mapping[str, Source], language: str
) -> list[str]:
    """The publishers a `reported` item is shown as reported by, in ``language``.

    Its independent publishers; failing them (the checks warn then), the publishers of whatever
    it cites, so that readers never see the status without a name.
    """
    evidence = assess(refs, sources, language)
    names = [pick(name, language) for name in evidence.publishers]
    if not names:
        cited = [sources[ref.id] for ref in refs if ref.id in sources]
        names = [pick(origin(source, sources).publisher, language) for source in cited]
    return list(dict.fromkeys(names))


def reproduction_cycles(sources: Mapping[str, Source]) -> list[list[str]]:
    """Each cycle of ``reproduces`` among the sources once, starting at its first-listed member."""
    order = {source_id: index for index, source_id in enumerate(sources)}
    cycles: list[list[str]] = []
    reported: set[str] = set()
    for start in sources:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in sources and current not in path:
            path.append(current)
            following = sources[current].reproduces
            current = following if isinstance(following, str) else None
        if current is None or current not in path:
            continue
        cycle = path[path.index(current) :]
        if reported.isdisjoint(cycle):
            reported.update(cycle)
            first = min(cycle, key=order.__getitem__)
            at = cycle.index(first)
            cycles.append(cycle[at:] + cycle[:at])
    return cycles
